import type { WindowSpec } from '../../plan/types.js';
import type { WindowAssigner } from './assigner.js';
import { globalWindows } from './global.js';
import { sliding } from './sliding.js';
import { tumbling } from './tumbling.js';

/** The window specs an assigner places records for (the ones that do not depend on the key). */
export type PaneWindowSpec = Extract<WindowSpec, { kind: 'tumbling' | 'sliding' | 'global' }>;

/** The assigner for a plan's window spec. Throws a RangeError for a spec the checker should have refused. */
export function createAssigner(spec: PaneWindowSpec): WindowAssigner {
  switch (spec.kind) {
    case 'tumbling':
      return tumbling(spec.sizeMs);
    case 'sliding':
      return sliding(spec.sizeMs, spec.slideMs);
    case 'global':
      return globalWindows();
  }
}

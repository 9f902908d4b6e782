import type { WindowSpec } from '../../plan/types.js';
import type { WindowAssigner } from './assigner.js';
import { countWindows, globalWindows } from './global.js';
import { session } from './session.js';
import { sliding } from './sliding.js';
import { tumbling } from './tumbling.js';

/** The assigner for a plan's window spec. Throws a RangeError for a spec the checker should have refused. */
export function createAssigner(spec: WindowSpec): WindowAssigner {
  switch (spec.kind) {
    case 'tumbling':
      return tumbling(spec.sizeMs);
    case 'sliding':
      return sliding(spec.sizeMs, spec.slideMs);
    case 'session':
      return session(spec.gapMs);
    case 'global':
      return globalWindows();
    case 'count':
      return countWindows(spec.size);
  }
}

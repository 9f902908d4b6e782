import type { Rec } from '../../common/record.js';

/** A stateless step lifted into a function: returns the record (possibly changed) or null to drop it. */
export type RecordFn = (rec: Rec) => Rec | null;

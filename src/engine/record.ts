/** The data model of records flowing through a pipeline: JSON values. */

export type Scalar = null | boolean | number | string;
export type Value = Scalar | Value[] | { [field: string]: Value };

/** One record. A field that is absent reads as `null`. */
export type Rec = { [field: string]: Value };

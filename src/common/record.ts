/** The data model of records flowing through a pipeline: JSON values. */

export type Scalar = null | boolean | number | string;
export type Value = Scalar | Value[] | { [field: string]: Value };

/** One record. A field that is absent reads as `null`. */
export type Rec = { [field: string]: Value };

/**
 * Sets a field as `JSON.parse` does, as an own data property: a field named `__proto__` is a
 * field like any other, not the prototype (which plain assignment would set, or ignore).
 */
export function setField(rec: Rec, name: string, value: Value): void {
  if (name === '__proto__') {
    Object.defineProperty(rec, name, { value, writable: true, enumerable: true, configurable: true });
  } else {
    rec[name] = value;
  }
}

import type { Aggregator } from './aggregator.js';
import { extremumAggregator, type ExtremumAcc } from './extremum.js';

/** `min(x)`: the smallest numeric value (see `extremumAggregator`); null when none. */
export const minAggregator: Aggregator<ExtremumAcc> = extremumAggregator(false);

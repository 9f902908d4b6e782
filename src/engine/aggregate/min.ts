import type { Aggregator } from './aggregator.js';
import { extremumAggregator, type ExtremumAcc } from './extremum.js';

/** `min(x)`: the smallest number, else the smallest string (see `extremumAggregator`); null when none. */
export const minAggregator: Aggregator<ExtremumAcc> = extremumAggregator(false);

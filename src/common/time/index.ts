export { createTimestampParser, validateTimeFormat, type TimestampParser } from './timestamp-parser.js';
export { formatIso } from './format-iso.js';
export { formatStrftime, validateStrftime } from './strftime.js';
export { formatDuration } from './duration.js';
export { TimeFormatError } from './time-format-error.js';

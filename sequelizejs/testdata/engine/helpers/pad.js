exports.pad = (s) => `[${s}]`;

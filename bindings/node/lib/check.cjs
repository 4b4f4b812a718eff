'use strict';
// Argument checks: a value that is not of the JavaScript type a parameter takes raises TypeError
// (or RangeError for an integer too large to be exact) here, before the core sees it. Whether a
// well-typed value is in range is the core's decision.

// A lone surrogate, for runtimes without String.prototype.isWellFormed (Node 18).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : `${typeof value} ${String(value)}`;
}

/** `value` as an integer for the parameter `name`. */
function integer(value, name) {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${name} must be an integer number, not ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} ${value} is beyond the safe integers (±2^53 - 1)`);
  }
  return value;
}

/** `value` as well-formed text (it crosses into the core as UTF-8). */
function text(value, name) {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, not ${describe(value)}`);
  }
  const wellFormed = typeof value.isWellFormed === 'function' ? value.isWellFormed() : !LONE_SURROGATE.test(value);
  if (!wellFormed) {
    throw new TypeError(`${name} holds a lone surrogate, which has no UTF-8 form`);
  }
  return value;
}

/** `value` as bytes: a Uint8Array (a Buffer is one). */
function bytes(value, name) {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, not ${describe(value)}`);
  }
  return value;
}

/** `value` as an integer, or `fallback` when it is undefined (an omitted argument). */
function optionalInteger(value, name, fallback) {
  return value === undefined ? fallback : integer(value, name);
}

/** A number from the core's i64 (a BigInt), refused rather than rounded past 2^53. */
function exact(value, what) {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`${what} ${value} is beyond JavaScript's safe integers`);
  }
  return n;
}

/** exact() for an optional i64: undefined (absent) is null. */
function optionalExact(value, what) {
  return value === undefined ? null : exact(value, what);
}

module.exports = { integer, text, bytes, optionalInteger, exact, optionalExact };

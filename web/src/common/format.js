// Number formatting shared by the panels. A fixed locale keeps the page (and its tests) the same
// on every machine; addresses print as CPython's id() does in hex.
const COUNT = new Intl.NumberFormat('en-US');
const UNITS = ['KiB', 'MiB', 'GiB'];

export function formatCount(n) {
  return COUNT.format(n);
}

// "1,048,576 B (1.0 MiB)": exact bytes first, a readable size beside them when it helps.
export function formatBytes(n) {
  let value = n;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const exact = `${COUNT.format(n)} B`;
  return unit < 0 ? exact : `${exact} (${value.toFixed(1)} ${UNITS[unit]})`;
}

// Modelled addresses are exact doubles below 2^53.
export function formatAddress(address) {
  return `0x${address.toString(16)}`;
}

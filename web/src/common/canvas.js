// What the canvas panels share: sizing a canvas for the screen's pixel ratio, and reading the
// colours they draw with from CSS custom properties (so the theme changes them without code).
export function sizeCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}

// names: { key: '--custom-property' } → { key: its value }, plus `font`, 11–12px monospace.
export function cssColours(element, names, fontSize = 11) {
  const style = getComputedStyle(element);
  const out = {};
  for (const [key, property] of Object.entries(names)) out[key] = style.getPropertyValue(property).trim();
  out.font = `${fontSize}px ${style.getPropertyValue('--mono').trim() || 'monospace'}`;
  return out;
}

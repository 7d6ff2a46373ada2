import { PNG } from "pngjs";

/**
 * A small, real PNG that differs per snapshot: a sky/ground gradient, a moving "figure" and a
 * time bar, so a receiver that shows it can tell two snapshots apart.
 */
export function snapshotPng(id: number, width = 320, height = 180): Buffer {
  const png = new PNG({ width, height });
  const hue = (id * 47) % 360;
  const [r0, g0, b0] = hsl(hue, 0.35, 0.35);
  const figX = 40 + ((id * 61) % (width - 80));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const ground = y > height * 0.65;
      const shade = ground ? 0.6 : 1 - y / height / 2;
      let r = r0 * shade,
        g = g0 * shade,
        b = b0 * shade;
      // noise like a real sensor
      const n = ((x * 73856093) ^ (y * 19349663) ^ (id * 83492791)) & 15;
      r += n;
      g += n;
      b += n;
      const inFigure = Math.abs(x - figX) < 9 && y > height * 0.35 && y < height * 0.8;
      if (inFigure) {
        r = 230;
        g = 60;
        b = 40;
      }
      if (y < 12 && x < (id * 29) % width) {
        r = 255;
        g = 255;
        b = 255;
      }
      png.data[i] = Math.min(255, Math.max(0, Math.round(r)));
      png.data[i + 1] = Math.min(255, Math.max(0, Math.round(g)));
      png.data[i + 2] = Math.min(255, Math.max(0, Math.round(b)));
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    h < 60
      ? [c, x, 0]
      : h < 120
        ? [x, c, 0]
        : h < 180
          ? [0, c, x]
          : h < 240
            ? [0, x, c]
            : h < 300
              ? [x, 0, c]
              : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

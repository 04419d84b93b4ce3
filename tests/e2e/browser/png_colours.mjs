// Shared by the browser tests: a screenshot read back in the page, to check what it shows.
import fs from 'node:fs';

// Pixels of each colour [r, g, b, within (6 when not given)] in a PNG, counted in the page.
export async function colourCounts(page, file, colours) {
  return page.evaluate(async ({data, colours}) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    const out = {width: img.width, height: img.height};
    for (const [k, [r, gr, b, within = 6]] of Object.entries(colours)) {
      let n = 0;
      for (let i = 0; i < px.length; i += 4)
        if (Math.abs(px[i] - r) < within && Math.abs(px[i + 1] - gr) < within && Math.abs(px[i + 2] - b) < within) n++;
      out[k] = n;
    }
    return out;
  }, {data: fs.readFileSync(file).toString('base64'), colours});
}

import type { GeoTIFFImage } from 'geotiff';
import { ChangeInputError, type RasterSource } from './source.ts';

/** A RasterSource over the first image of a geotiff.js GeoTIFF (north-up grids only). */
export function geotiffSource(image: GeoTIFFImage): RasterSource {
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (error) {
    throw new ChangeInputError('the image has no georeferencing', error);
  }
  return {
    width: image.getWidth(),
    height: image.getHeight(),
    transform: {
      x0: origin[0] as number,
      y0: origin[1] as number,
      dx: resolution[0] as number,
      dy: resolution[1] as number,
    },
    async read(window, bands) {
      const data = await image.readRasters({ window, samples: [...bands], interleave: false });
      return Array.from({ length: bands.length }, (_, i) => data[i] as unknown as ArrayLike<number>);
    },
  };
}

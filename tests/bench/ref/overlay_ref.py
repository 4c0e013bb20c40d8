"""Reference for the overlay benchmark: the same attribution with GeoPandas/Shapely.

Usage: /usr/bin/python3 overlay_ref.py INPUT.json OUTPUT.json [REPEAT]

INPUT holds lists of {"id", "geometry"} for patches, redlines and reserves, and {"id", "code", "geometry"}
for townships, in lon/lat (CGCS2000, EPSG:4490). The timed part projects everything to an Albers
equal-area projection on GRS80, then computes per patch: area, patch ∩ each red line (with area),
patch ∩ each reserve (with area), (union of red-line pieces) − reserves and its area, and the township
containing the patch centroid. Loading and parsing are not timed. With REPEAT > 1 the timed part runs that
many times and the fastest time is reported (the machine may be shared).
"""

import json
import sys
import time

import geopandas as gpd
from shapely.geometry import shape

# Albers equal-area for China on GRS80 (CGCS2000's ellipsoid): areas in m² are exact on the ellipsoid.
ALBERS = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"
LONLAT = "EPSG:4490"


def frame(features, key):
    return gpd.GeoDataFrame(
        {key: [f["id"] for f in features]},
        geometry=[shape(f["geometry"]) for f in features],
        crs=LONLAT,
    )


def attribute(patches, redlines, reserves, towns):
    """The timed work: projection, overlay, areas and the township join."""
    P = patches.to_crs(ALBERS)
    R = redlines.to_crs(ALBERS)
    S = reserves.to_crs(ALBERS)
    T = towns.to_crs(ALBERS)
    P["area_m2"] = P.area

    red = gpd.overlay(P[["pid", "geometry"]], R[["rid", "geometry"]], how="intersection", keep_geom_type=True)
    red["m2"] = red.area
    res = gpd.overlay(P[["pid", "geometry"]], S[["sid", "geometry"]], how="intersection", keep_geom_type=True)
    res["m2"] = res.area

    inside = red[["pid", "geometry"]].dissolve(by="pid")
    excluded = res[["pid", "geometry"]].dissolve(by="pid")
    net = {}
    for pid, geom in zip(inside.index, inside.geometry):
        cut = excluded.geometry.get(pid)
        net[pid] = (geom.difference(cut) if cut is not None else geom).area

    centres = gpd.GeoDataFrame({"pid": P["pid"]}, geometry=P.centroid, crs=ALBERS)
    joined = gpd.sjoin(centres, T[["code", "geometry"]], how="left", predicate="within")
    joined = joined.drop_duplicates(subset="pid")
    township = dict(zip(joined["pid"], joined["code"]))
    return P, red, res, net, township


def main(src, dst, repeat=1):
    with open(src, encoding="utf-8") as handle:
        data = json.load(handle)
    patches = frame(data["patches"], "pid")
    redlines = frame(data["redlines"], "rid")
    reserves = frame(data["reserves"], "sid")
    towns = frame(data["townships"], "tid")
    towns["code"] = [f["code"] for f in data["townships"]]

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = attribute(patches, redlines, reserves, towns)
        times.append(time.perf_counter() - start)
    P, red, res, net, township = result
    elapsed = min(times)

    out = {
        "seconds": elapsed,
        "all_seconds": times,
        "patches": {
            pid: {
                "area_m2": float(a),
                "redline_m2": float(net.get(pid, 0.0)),
                "township": township.get(pid) if isinstance(township.get(pid), str) else "",
            }
            for pid, a in zip(P["pid"], P["area_m2"])
        },
        "redline_pairs": len(red),
        "reserve_pairs": len(res),
    }
    with open(dst, "w", encoding="utf-8") as handle:
        json.dump(out, handle)
    print(f"ref seconds={elapsed:.3f} pairs={len(red)} reserve_pairs={len(res)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)

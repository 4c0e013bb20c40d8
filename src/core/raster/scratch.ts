/**
 * Reusable typed-array buffers for per-tile work: tiles have the same size, so reusing their scratch arrays
 * instead of allocating new ones keeps the garbage collector out of the hot path. Views returned for a name
 * stay valid until the next request for that name; contents are NOT cleared unless asked.
 */
export class Scratch {
  private readonly buffers = new Map<string, ArrayBuffer>();

  private buffer(name: string, bytes: number): ArrayBuffer {
    let b = this.buffers.get(name);
    if (!b || b.byteLength < bytes) {
      b = new ArrayBuffer(bytes);
      this.buffers.set(name, b);
    }
    return b;
  }

  /** A Float32Array of length n under `name`. */
  f32(name: string, n: number): Float32Array {
    return new Float32Array(this.buffer(name, 4 * n), 0, n);
  }

  /** A Uint8Array of length n under `name`, zero-filled when `clear`. */
  u8(name: string, n: number, clear = false): Uint8Array {
    const a = new Uint8Array(this.buffer(name, n), 0, n);
    if (clear) a.fill(0);
    return a;
  }
}

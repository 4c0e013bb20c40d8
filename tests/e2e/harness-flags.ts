/**
 * Chromium flags, in one place. Headless Debian chromium renders WebGL2 through SwiftShader: keep
 * --enable-unsafe-swiftshader explicit (without it Chromium warns the fallback is deprecated) and --use-angle=swiftshader.
 * The background-networking flags stop Chromium's own calls home, which this machine's closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

/** User messages for errors raised outside the file readers (imagery, storage, database). */
export const APP_ERRORS: Record<string, { zh: string; en: string }> = {
  not_tiff: {
    zh: '「{file}」不是可读取的 GeoTIFF 影像（文件可能已损坏或被截断）。',
    en: '“{file}” is not a readable GeoTIFF (the file may be damaged or truncated).',
  },
  image_damaged: {
    zh: '「{file}」的影像数据已损坏，无法解码（文件可能被截断，或压缩的像素数据出错）。请重新导出或复制该文件。',
    en: '“{file}” has damaged image data that cannot be decoded (the file may be truncated, or its compressed pixels are corrupt). Export or copy the file again.',
  },
  image_too_large: {
    zh: '「{file}」无法显示：{detail}。',
    en: '“{file}” cannot be displayed: {detail}.',
  },
  no_georef: {
    zh: '「{file}」没有地理参考信息（缺少坐标系或地理变换），无法放到地图上。请用带坐标的 GeoTIFF。',
    en: '“{file}” has no georeferencing (no CRS or geotransform), so it cannot be placed on the map.',
  },
  unsupported_crs: {
    zh: '「{file}」使用的坐标系 {crs} 暂不支持。',
    en: '“{file}” uses the coordinate system {crs}, which is not supported.',
  },
  quota: {
    zh: '浏览器存储空间不足，无法保存「{file}」。项目未作任何修改；请在存储面板释放空间后重试。',
    en: 'Not enough browser storage to save “{file}”. The project is unchanged; free space and try again.',
  },
};

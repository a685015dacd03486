export { Gallery, GalleryArgs } from "./resources/gallery";
export { GalleryImage, GalleryImageArgs } from "./resources/galleryImage";
export { GalleryImageVersion, GalleryImageVersionArgs, TargetRegionArgs, TargetExtendedLocationArgs, ReplicationStatus } from "./resources/galleryImageVersion";
export { CONFIG_NAMESPACE } from "./azure/settings";

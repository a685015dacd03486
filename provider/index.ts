export * from "./resources/types";
export * from "./resources/gallery";
export * from "./resources/galleryImage";
export * from "./resources/galleryImageVersion";
export { CONFIG_NAMESPACE } from "./config";

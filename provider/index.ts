export * from "./resources/types";
export * from "./resources/gallery";
export * from "./resources/galleryImage";
export * from "./resources/galleryImageVersion";
export * from "./resources/galleryApplication";
export * from "./resources/galleryApplicationVersion";
export * from "./resources/galleryScript";
export * from "./resources/galleryScriptVersion";
export { CONFIG_NAMESPACE } from "./config";

/** Every kind's adapter, keyed as the list of kinds (schema/kinds.ts) keys them: a kind without one does not compile. */
import type { KindAdapter } from "../lifecycle/contract";
import type { KindName } from "../schema/kinds";
import { galleryKind } from "./gallery";
import { galleryApplicationKind } from "./galleryApplication";
import { galleryApplicationVersionKind } from "./galleryApplicationVersion";
import { galleryImageKind } from "./galleryImage";
import { galleryImageVersionKind } from "./galleryImageVersion";
import { galleryInVMAccessControlProfileKind } from "./galleryInVMAccessControlProfile";
import { galleryInVMAccessControlProfileVersionKind } from "./galleryInVMAccessControlProfileVersion";
import { galleryScriptKind } from "./galleryScript";
import { galleryScriptVersionKind } from "./galleryScriptVersion";

export const adapters: Record<KindName, KindAdapter> = {
    gallery: galleryKind,
    galleryImage: galleryImageKind,
    galleryImageVersion: galleryImageVersionKind,
    galleryApplication: galleryApplicationKind,
    galleryApplicationVersion: galleryApplicationVersionKind,
    galleryScript: galleryScriptKind,
    galleryScriptVersion: galleryScriptVersionKind,
    galleryInVMAccessControlProfile: galleryInVMAccessControlProfileKind,
    galleryInVMAccessControlProfileVersion: galleryInVMAccessControlProfileVersionKind,
};

/**
 * The one list of resource kinds. The resource classes, the serialized provider shims, the runtime
 * that serves them, and the docs all derive from it; adding a kind starts with an entry here (and
 * the compiler then asks for its adapter in provider/kinds/).
 */
import { gallerySpec } from "./gallery";
import { galleryApplicationSpec } from "./galleryApplication";
import { galleryApplicationVersionSpec } from "./galleryApplicationVersion";
import { galleryImageSpec } from "./galleryImage";
import { galleryImageVersionSpec } from "./galleryImageVersion";
import { galleryInVMAccessControlProfileSpec } from "./galleryInVMAccessControlProfile";
import { galleryInVMAccessControlProfileVersionSpec } from "./galleryInVMAccessControlProfileVersion";
import { galleryScriptSpec } from "./galleryScript";
import { galleryScriptVersionSpec } from "./galleryScriptVersion";
import { ResourceSpec } from "./types";

/** The module of every type token: pulumi-nodejs:dynamic/azure-compute-gallery:Gallery. */
export const MODULE = "azure-compute-gallery";

/** Each kind by its name in camelCase (the runtime's key), with its field table. */
export const KINDS = {
    gallery: gallerySpec,
    galleryImage: galleryImageSpec,
    galleryImageVersion: galleryImageVersionSpec,
    galleryApplication: galleryApplicationSpec,
    galleryApplicationVersion: galleryApplicationVersionSpec,
    galleryScript: galleryScriptSpec,
    galleryScriptVersion: galleryScriptVersionSpec,
    galleryInVMAccessControlProfile: galleryInVMAccessControlProfileSpec,
    galleryInVMAccessControlProfileVersion: galleryInVMAccessControlProfileVersionSpec,
} satisfies Record<string, ResourceSpec>;

export type KindName = keyof typeof KINDS;

export const KIND_NAMES = Object.keys(KINDS) as KindName[];

/** The dynamic resource type Pulumi registers for a kind, e.g. pulumi-nodejs:dynamic/azure-compute-gallery:Gallery. */
export function typeToken(kind: KindName): string {
    return `pulumi-nodejs:dynamic/${MODULE}:${KINDS[kind].kind}`;
}

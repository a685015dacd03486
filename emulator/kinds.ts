/**
 * The gallery family the emulator serves, one row a kind: where it lives under its parent, the spec
 * models its bodies bind to, and the answers each of its operations declares (MUTABILITY.md §5 for
 * galleries, definitions and image versions; §13 for applications, inVMAccessControlProfiles and
 * scripts and their versions).
 */
export type Kind =
    | "gallery"
    | "image"
    | "version"
    | "application"
    | "applicationVersion"
    | "profile"
    | "profileVersion"
    | "script"
    | "scriptVersion";

export interface KindInfo {
    /** ARM resource type, as answers spell it. */
    type: string;
    /** The collection segment under the parent (`images`, `applications`…); none for galleries. */
    segment?: string;
    parent?: Kind;
    /** The child kind under `…/versions`, for definitions that hold versions. */
    versions?: Kind;
    /** The request body's name in the service's error targets (`galleryImage.properties.eula`). */
    bodyName: string;
    /** Spec models of the PUT and PATCH bodies. */
    putModel: string;
    patchModel: string;
    /** Whether the properties bag declares `provisioningState` (GalleryApplicationProperties does not). */
    provisioningState: boolean;
    /**
     * Versioned kinds replicate; the member holding their regions: `publishingProfile.targetRegions`
     * (GalleryArtifactPublishingProfileBase) or `targetLocations` (GalleryResourceProfileVersionPropertiesBase).
     */
    regions?: "publishingProfile.targetRegions" | "targetLocations";
    /** A settled DELETE: 200 where the spec declares it, else 202 (whose operation has already ended). */
    deleteSync: 200 | 202;
    /**
     * An accepted PATCH: 200 with the resource where only 200 is declared; 202 where the spec declares
     * it, with the resource as GalleryScript_Update.json's 202 shows it, or without a body as
     * GalleryScriptVersion_Update.json's 202 (and the spec's 202, which has no schema) shows it.
     */
    patchAsync: "200" | "202 with body" | "202 without body";
}

export const KINDS: Record<Kind, KindInfo> = {
    gallery: { type: "Microsoft.Compute/galleries", bodyName: "gallery", putModel: "Gallery", patchModel: "GalleryUpdate", provisioningState: true, deleteSync: 200, patchAsync: "200" },
    image: {
        type: "Microsoft.Compute/galleries/images",
        segment: "images",
        parent: "gallery",
        versions: "version",
        bodyName: "galleryImage",
        putModel: "GalleryImage",
        patchModel: "GalleryImageUpdate",
        provisioningState: true,
        deleteSync: 200,
        patchAsync: "200",
    },
    version: {
        type: "Microsoft.Compute/galleries/images/versions",
        segment: "versions",
        parent: "image",
        bodyName: "galleryImageVersion",
        putModel: "GalleryImageVersion",
        patchModel: "GalleryImageVersionUpdate",
        provisioningState: true,
        regions: "publishingProfile.targetRegions",
        deleteSync: 200,
        patchAsync: "200",
    },
    application: {
        type: "Microsoft.Compute/galleries/applications",
        segment: "applications",
        parent: "gallery",
        versions: "applicationVersion",
        bodyName: "galleryApplication",
        putModel: "GalleryApplication",
        patchModel: "GalleryApplicationUpdate",
        provisioningState: false,
        deleteSync: 200,
        patchAsync: "200",
    },
    applicationVersion: {
        type: "Microsoft.Compute/galleries/applications/versions",
        segment: "versions",
        parent: "application",
        bodyName: "galleryApplicationVersion",
        putModel: "GalleryApplicationVersion",
        patchModel: "GalleryApplicationVersionUpdate",
        provisioningState: true,
        regions: "publishingProfile.targetRegions",
        deleteSync: 200,
        patchAsync: "200",
    },
    profile: {
        type: "Microsoft.Compute/galleries/inVMAccessControlProfiles",
        segment: "inVMAccessControlProfiles",
        parent: "gallery",
        versions: "profileVersion",
        bodyName: "galleryInVMAccessControlProfile",
        putModel: "GalleryInVMAccessControlProfile",
        patchModel: "GalleryInVMAccessControlProfileUpdate",
        provisioningState: true,
        deleteSync: 202,
        patchAsync: "200",
    },
    profileVersion: {
        type: "Microsoft.Compute/galleries/inVMAccessControlProfiles/versions",
        segment: "versions",
        parent: "profile",
        bodyName: "galleryInVMAccessControlProfileVersion",
        putModel: "GalleryInVMAccessControlProfileVersion",
        patchModel: "GalleryInVMAccessControlProfileVersionUpdate",
        provisioningState: true,
        regions: "targetLocations",
        deleteSync: 202,
        patchAsync: "200",
    },
    script: {
        type: "Microsoft.Compute/galleries/scripts",
        segment: "scripts",
        parent: "gallery",
        versions: "scriptVersion",
        bodyName: "galleryScript",
        putModel: "GalleryScript",
        patchModel: "GalleryScriptUpdate",
        provisioningState: true,
        deleteSync: 202,
        patchAsync: "202 with body",
    },
    scriptVersion: {
        type: "Microsoft.Compute/galleries/scripts/versions",
        segment: "versions",
        parent: "script",
        bodyName: "galleryScriptVersion",
        putModel: "GalleryScriptVersion",
        patchModel: "GalleryScriptVersionUpdate",
        provisioningState: true,
        regions: "publishingProfile.targetRegions",
        deleteSync: 202,
        patchAsync: "202 without body",
    },
};

/** Kinds that live directly under a gallery, by their collection segment in lower case. */
export const GALLERY_CHILDREN: Record<string, Kind> = Object.fromEntries(
    (Object.keys(KINDS) as Kind[]).filter((k) => KINDS[k].parent === "gallery").map((k) => [KINDS[k].segment!.toLowerCase(), k]),
);

/** Versioned kinds: they replicate to their regions, as image versions do. */
export const isVersioned = (kind: Kind): boolean => KINDS[kind].regions !== undefined;

/**
 * The kind a resource path names, its parent path and its own name, or undefined. Paths match in any
 * case, as ARM's do: `…/galleries/{g}`, `…/galleries/{g}/{segment}/{n}`, `…/{segment}/{n}/versions/{v}`.
 */
export function kindOfPath(path: string): { kind: Kind; name: string } | undefined {
    const m = /\/providers\/microsoft\.compute\/galleries\/([^/]+)(?:\/([^/]+)\/([^/]+)(?:\/(versions)\/([^/]+))?)?$/i.exec(path);
    if (!m) return undefined;
    const [, gallery, segment, child, versions, version] = m;
    if (!segment) return { kind: "gallery", name: gallery };
    const childKind = GALLERY_CHILDREN[segment.toLowerCase()];
    if (!childKind) return undefined;
    if (!versions) return { kind: childKind, name: child };
    const versionKind = KINDS[childKind].versions;
    return versionKind ? { kind: versionKind, name: version } : undefined;
}

/** The kind of the items a list path names (`…/galleries/{g}/applications`, `…/scripts/{s}/versions`), or undefined. */
export function listKindOfPath(path: string): Kind | undefined {
    const m = /\/providers\/microsoft\.compute\/galleries\/[^/]+\/([^/]+)(?:\/[^/]+\/(versions))?$/i.exec(path);
    if (!m) return undefined;
    const childKind = GALLERY_CHILDREN[m[1].toLowerCase()];
    if (!childKind) return undefined;
    return m[2] ? KINDS[childKind].versions : childKind;
}

/**
 * Image versions a gallery keeps after their delete, and their restore. Microsoft Learn, "Soft Delete
 * in Azure Compute Gallery (Preview)" (MicrosoftDocs/azure-compute-docs
 * articles/virtual-machines/soft-delete-gallery.md): soft delete "lets you recover accidentally
 * deleted resources within a 7 day retention period. After this timeframe, the platform permanently
 * deletes the resources. Currently, this feature is only available for ACG images." The spec's
 * SoftDeletedArtifactTypes has `Images` alone.
 */
import type { ComputeManagementClient, GalleryImageVersion } from "@azure/arm-compute";
import type { PollerLike, OperationState } from "@azure/core-lro";

/** A soft-deleted image version, as SoftDeletedResource_ListByArtifactName reports it. */
export interface SoftDeletedImageVersion {
    /** The version's name, e.g. "1.0.0". */
    name: string;
    /** The version's own id (`…/images/{image}/versions/{name}`, the answer's `resourceArmId`): what a restore brings back. */
    versionId: string;
    /** The soft-deleted entry's id (`…/softDeletedArtifactTypes/Images/artifacts/{image}/versions/{name}`). */
    id: string;
    /** The version's home region, where it is restored. */
    location: string;
    /** When Azure soft-deleted it (RFC 3339); it stays restorable for 7 days from then. */
    softDeletedTime?: string;
}

/** The retention the soft-delete page documents ("within a 7 day retention period"), for messages. */
export const RETENTION = "7 days";

/**
 * Every soft-deleted version of an image definition, every page (the official example
 * GallerySoftDeletedResource_ListByArtifactName.json answers with a `nextLink`; the SDK's iterator
 * follows it). The artifact type is spelled `images`, as that example's request spells it.
 */
export async function listSoftDeleted(client: ComputeManagementClient, rg: string, gallery: string, image: string): Promise<SoftDeletedImageVersion[]> {
    const out: SoftDeletedImageVersion[] = [];
    for await (const r of client.softDeletedResource.listByArtifactName(rg, gallery, "images", image)) {
        const id = String(r.id ?? "");
        const versionId = r.resourceArmId ?? id;
        out.push({ name: r.name ?? versionId.slice(versionId.lastIndexOf("/") + 1), versionId, id, location: r.location, softDeletedTime: r.softDeletedTime });
    }
    return out;
}

/** The soft-deleted version of this name, if any (version names compare without case, as ARM names do). */
export const softDeletedNamed = (versions: SoftDeletedImageVersion[], name: string) => versions.find((v) => v.name.toLowerCase() === name.toLowerCase());

/**
 * The restore as the official example GalleryImageVersion_Update_RestoreSoftDeleted.json sends it:
 * GalleryImageVersions_Update (PATCH) of `restore: true` ("Indicates if this is a soft-delete
 * resource restoration request", spec) with an empty storage profile; a long-running operation.
 */
export const RESTORE_REQUEST = { restore: true, storageProfile: {} };

export function sendRestore(
    client: ComputeManagementClient,
    rg: string,
    [gallery, image, version]: string[],
    options: { abortSignal?: AbortSignal; updateIntervalInMs?: number },
): PollerLike<OperationState<GalleryImageVersion>, GalleryImageVersion> {
    return client.galleryImageVersions.update(rg, gallery, image, version, RESTORE_REQUEST, options);
}

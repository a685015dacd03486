/**
 * Soft-deleted image versions, for a program or a command line: the versions a gallery with soft
 * delete on keeps after their delete (kinds/softDelete.ts), and their restore. Each runs in the
 * caller's process with the settings the resources use (session.ts).
 */
import type { GalleryImageVersion } from "@azure/arm-compute";
import type { SoftDeletedImageVersion } from "../kinds/softDelete";
import { session } from "./session";

export type { SoftDeletedImageVersion };

/** An image definition, by the names that address it in ARM. */
export interface ImageDefinitionAddress {
    resourceGroupName: string;
    galleryName: string;
    galleryImageName: string;
    /** The provider's subscription (stack config or ARM_SUBSCRIPTION_ID) when absent. */
    subscriptionId?: string;
}

/** An image version of a definition, by its name. */
export interface ImageVersionAddress extends ImageDefinitionAddress {
    galleryImageVersionName: string;
}

const definition = (a: ImageDefinitionAddress) => `image definition "${a.resourceGroupName}/${a.galleryName}/${a.galleryImageName}"`;

/**
 * The soft-deleted versions of an image definition, every page of Azure's list, oldest deletion
 * first. Empty for a gallery without soft delete.
 */
export async function listSoftDeletedImageVersions(args: ImageDefinitionAddress): Promise<SoftDeletedImageVersion[]> {
    const s = await session(args.subscriptionId);
    const { listSoftDeleted } = await import("../kinds/softDelete");
    try {
        const versions = await listSoftDeleted(s.client, args.resourceGroupName, args.galleryName, args.galleryImageName);
        return versions.sort((a, b) => Date.parse(a.softDeletedTime ?? "") - Date.parse(b.softDeletedTime ?? "") || a.name.localeCompare(b.name));
    } catch (e) {
        throw s.refused("list the soft-deleted versions of", definition(args), e);
    }
}

/**
 * Restores a soft-deleted image version, as the official example does (a PATCH of `restore: true`),
 * and waits for Azure's operation. A version that is there already (restored by an earlier call whose
 * answer was lost, say) is returned as it is; a name with no soft-deleted version is refused, naming
 * the versions that can be restored.
 */
export async function restoreImageVersion(args: ImageVersionAddress): Promise<GalleryImageVersion> {
    const s = await session(args.subscriptionId);
    const { listSoftDeleted, sendRestore, softDeletedNamed, RETENTION } = await import("../kinds/softDelete");
    const { resourceGroupName: rg, galleryName: g, galleryImageName: i, galleryImageVersionName: v } = args;
    const what = `image version "${rg}/${g}/${i}/${v}"`;
    let deleted: SoftDeletedImageVersion[];
    try {
        deleted = await listSoftDeleted(s.client, rg, g, i);
    } catch (e) {
        throw s.refused("list the soft-deleted versions of", definition(args), e);
    }
    const found = softDeletedNamed(deleted, v);
    if (!found) {
        try {
            return await s.client.galleryImageVersions.get(rg, g, i, v);
        } catch (e) {
            if (s.statusOf(e) !== 404) throw s.refused("read", what, e);
        }
        const others = deleted.length > 0 ? `its soft-deleted versions are ${deleted.map((d) => d.name).join(", ")}` : "it has no soft-deleted version";
        throw new Error(`No soft-deleted ${what} to restore: ${others}. Azure keeps a deleted version for ${RETENTION}, and only where the gallery has soft delete on (softDeletePolicy.isSoftDeleteEnabled) when the version is deleted.`);
    }
    try {
        return await sendRestore(s.client, rg, [g, i, found.name], s.polling).pollUntilDone();
    } catch (e) {
        throw s.refused("restore the soft-deleted", what, e);
    }
}

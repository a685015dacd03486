/**
 * Galleries through @azure/arm-compute, and who a gallery is shared with. Azure changes the sharing
 * through POST `/share` (Add, Remove, EnableCommunity), not through PUT or PATCH, so the provider
 * works out the calls that take the gallery from what it is shared with now to what the inputs ask for.
 */
import type { Gallery, SharingUpdate } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import type { Operation } from "../lifecycle/operation";
import { COMMUNITY_ENABLED, SHARING_GROUPS, gallerySpec, sharingGroupTypes } from "../schema/gallery";
import { Inputs } from "../schema/types";
import { canonicalEnum, getPath, isRecord } from "../schema/values";
import { asModel, record } from "./sdk";

function groupsOf(inputs: Inputs): Map<string, string[]> {
    const groups = getPath(inputs, SHARING_GROUPS);
    const out = new Map<string, string[]>();
    for (const g of Array.isArray(groups) ? groups.filter(isRecord) : []) {
        out.set(canonicalEnum(sharingGroupTypes, String(g.type)), (g.ids as string[] | undefined) ?? []);
    }
    return out;
}

/** The ids of `from` that `other` lacks, per group type (ids are GUIDs: compared without case). */
function missing(from: Map<string, string[]>, other: Map<string, string[]>): { type: string; ids: string[] }[] {
    return [...from]
        .map(([type, ids]) => ({ type, ids: ids.filter((id) => !(other.get(type) ?? []).some((x) => x.toLowerCase() === id.toLowerCase())) }))
        .filter((g) => g.ids.length > 0);
}

/** The /share calls, in order, that bring the gallery's sharing from `current` to `desired`. */
function sharingUpdates(current: Inputs, desired: Inputs): SharingUpdate[] {
    const updates: SharingUpdate[] = [];
    if (getPath(desired, SHARING_GROUPS) !== undefined) {
        const have = groupsOf(current);
        const want = groupsOf(desired);
        const removed = missing(have, want);
        const added = missing(want, have);
        if (removed.length > 0) updates.push({ operationType: "Remove", groups: removed });
        if (added.length > 0) updates.push({ operationType: "Add", groups: added });
    }
    if (getPath(desired, COMMUNITY_ENABLED) === true && getPath(current, COMMUNITY_ENABLED) !== true) {
        updates.push({ operationType: "EnableCommunity" });
    }
    return updates;
}

/** Makes the calls, one after the other (the service runs one operation on a gallery at a time). */
async function share(op: Operation, current: Inputs): Promise<void> {
    for (const u of sharingUpdates(current, op.inputs)) await op.client.gallerySharingProfile.update(op.rg, op.names[0], u, op.polling).pollUntilDone();
}

/**
 * A gallery shared with the community is deleted only once its sharing is reset
 * (share-gallery-community.md: "you must first run `az sig share reset` to stop sharing. Then you can
 * delete the gallery"); azurerm resets any shared gallery before its delete, and so does this. A
 * gallery that still holds image definitions cannot be deleted at all (CannotDeleteResource), so its
 * sharing is left as it is, and the delete fails on the definitions alone.
 */
async function unshareBeforeDelete(op: Operation, current: Inputs): Promise<string | undefined> {
    const groups = getPath(current, "sharingProfile.groups");
    const shared = (Array.isArray(groups) && groups.some((x) => Array.isArray(getPath(x, "ids")) && (getPath(x, "ids") as unknown[]).length > 0)) || getPath(current, COMMUNITY_ENABLED) === true;
    if (!shared) return undefined;
    for await (const _image of op.client.galleryImages.listByGallery(op.rg, op.names[0])) return undefined;
    await op.client.gallerySharingProfile.update(op.rg, op.names[0], { operationType: "Reset" }, op.polling).pollUntilDone();
    return "stopped sharing the gallery (/share Reset) before deleting it, as Azure asks";
}

/** Groups a gallery is shared with are reported only on request (spec: Galleries_Get `$expand`, GalleryExpandParams). */
const GROUPS = "SharingProfile/Groups";

export const galleryKind: KindAdapter = {
    spec: gallerySpec,
    address: [{ type: "galleries", field: "galleryName" }],
    get: async (c, rg, [g]) => record(await c.galleries.get(rg, g, { expand: GROUPS })),
    expand: GROUPS,
    put: (c, rg, [g], m, options) => asModel(c.galleries.createOrUpdate(rg, g, m as unknown as Gallery, options)),
    patch: (c, rg, [g], m, options) => asModel(c.galleries.update(rg, g, m, options)),
    del: (c, rg, [g], options) => c.galleries.delete(rg, g, options),
    actions: { verb: "change the sharing of", apply: share },
    beforeDelete: unshareBeforeDelete,
};

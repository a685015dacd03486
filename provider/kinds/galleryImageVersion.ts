/** Image versions through @azure/arm-compute. */
import type { ComputeManagementClient, GalleryImageVersion } from "@azure/arm-compute";
import { statusOf } from "../azure/client";
import type { KindAdapter, Model } from "../lifecycle/contract";
import { azureError } from "../lifecycle/errors";
import type { Operation } from "../lifecycle/operation";
import { sendOnce } from "../lifecycle/sending";
import { galleryImageVersionSpec } from "../schema/galleryImageVersion";
import { Inputs } from "../schema/types";
import { getPath } from "../schema/values";
import { replicationProgress, waitForReplication } from "./replication";
import { asModel, record } from "./sdk";
import { RESTORE_REQUEST, RETENTION, SoftDeletedImageVersion, listSoftDeleted, softDeletedNamed } from "./softDelete";

/**
 * A version as a refresh must see it: its replication status always, and its UEFI settings when the
 * program set them, since Azure reports each only on request (spec: GalleryImageVersions_Get
 * `$expand`, ReplicationStatusTypes: ReplicationStatus, UefiSettings; one value a request).
 */
async function getVersion(c: ComputeManagementClient, rg: string, [g, i, v]: string[], inputs: Inputs) {
    const version = await c.galleryImageVersions.get(rg, g, i, v, { expand: "ReplicationStatus" });
    if (getPath(inputs, "securityProfile.uefiSettings") === undefined) return record(version);
    const uefi = await c.galleryImageVersions.get(rg, g, i, v, { expand: "UefiSettings" });
    const uefiSettings = uefi.securityProfile?.uefiSettings;
    return record(uefiSettings === undefined ? version : { ...version, securityProfile: { ...version.securityProfile, uefiSettings } });
}

/**
 * What a create that sends a new version onto a soft-deleted version's name tells the user. Microsoft
 * documents a write on that name as the way to recover the deleted version ("To recover soft deleted
 * images in a gallery, send the following PUT request on the image version to be recovered along with
 * the home region of the image", soft-delete-gallery.md; Restore-AzGalleryImageVersion sends just
 * that) and documents no refusal of a new version's PUT there: the create goes ahead (a replacement,
 * which deletes the old version first, must), and should Azure refuse it, the warning says why and how
 * to restore the deleted version instead.
 */
function softDeletedWarning(op: Operation, deleted: SoftDeletedImageVersion): string {
    const [galleryName, galleryImageName, galleryImageVersionName] = op.names;
    const address = { resourceGroupName: op.rg, galleryName, galleryImageName, galleryImageVersionName, ...(typeof op.inputs.subscriptionId === "string" ? { subscriptionId: op.inputs.subscriptionId } : {}) };
    const when = deleted.softDeletedTime ? `deleted at ${deleted.softDeletedTime}; restorable for ${RETENTION} from then` : `restorable for ${RETENTION} after its delete`;
    return (
        `${op.what}: the gallery keeps a soft-deleted image version ${deleted.name} of this name (${when}), and this create sends a new version to that name. ` +
        `Azure documents a write on the name as the way to recover the deleted version, and nothing of a new version's: if Azure refuses this create, that is why. ` +
        `To restore the deleted version instead, set restoreSoftDeleted: true on the resource for one up, or call restoreImageVersion(${JSON.stringify(address)}) from pulumi-azure-compute-gallery.`
    );
}

/**
 * A create that finds no version under its name asks whether the gallery keeps a soft-deleted one
 * of that name (contract.ts `recover`). With `restoreSoftDeleted` it is restored as the official
 * example does it (softDelete.ts), sent once and followed through its replication like any write;
 * without, the create goes ahead with a warning (softDeletedWarning). A list Azure answers 404 (an
 * image it does not know yet) holds nothing; any other failure to list stops only a create that
 * asked for a restore.
 */
async function recoverSoftDeleted(op: Operation): Promise<Model | undefined> {
    const [gallery, image, version] = op.names;
    const asked = op.inputs.restoreSoftDeleted === true;
    let deleted: SoftDeletedImageVersion | undefined;
    try {
        deleted = softDeletedNamed(await listSoftDeleted(op.client, op.rg, gallery, image), version);
    } catch (e) {
        if (asked && statusOf(e) !== 404) throw azureError("list the soft-deleted versions for", op, e);
        return undefined;
    }
    if (!deleted) return undefined;
    if (!asked) {
        await op.report(softDeletedWarning(op, deleted), "warning", false);
        return undefined;
    }
    await op.report(`${op.what}: restoring the soft-deleted version${deleted.softDeletedTime ? ` (deleted at ${deleted.softDeletedTime})` : ""} (restoreSoftDeleted)`, "info", false);
    return sendOnce(op, { method: "patch", body: RESTORE_REQUEST }, "create");
}

export const galleryImageVersionKind: KindAdapter = {
    spec: galleryImageVersionSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "images", field: "galleryImageName" },
        { type: "versions", field: "galleryImageVersionName" },
    ],
    get: getVersion,
    put: (c, rg, [g, i, v], m, options) => asModel(c.galleryImageVersions.createOrUpdate(rg, g, i, v, m as unknown as GalleryImageVersion, options)),
    patch: (c, rg, [g, i, v], m, options) => asModel(c.galleryImageVersions.update(rg, g, i, v, m, options)),
    del: (c, rg, [g, i, v], options) => c.galleryImageVersions.delete(rg, g, i, v, options),
    wait: waitForReplication,
    progress: replicationProgress,
    recover: recoverSoftDeleted,
};

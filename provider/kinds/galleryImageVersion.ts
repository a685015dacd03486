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
import { RESTORE_REQUEST, SoftDeletedImageVersion, listSoftDeleted, softDeletedNamed } from "./softDelete";

/** Azure reports a version's replication status only on request (spec: GalleryImageVersions_Get `$expand`, ReplicationStatusTypes). */
const EXPAND = "ReplicationStatus";

/**
 * A version's UEFI settings, when the program sets them, come from a request of their own: Azure
 * reports them only on request too, and `$expand` takes one value (ReplicationStatusTypes:
 * ReplicationStatus, UefiSettings).
 */
async function withUefiSettings(c: ComputeManagementClient, rg: string, [g, i, v]: string[], inputs: Inputs, version: Model): Promise<Model> {
    if (getPath(inputs, "securityProfile.uefiSettings") === undefined) return version;
    const uefi = await c.galleryImageVersions.get(rg, g, i, v, { expand: "UefiSettings" });
    const uefiSettings = uefi.securityProfile?.uefiSettings;
    return uefiSettings === undefined ? version : { ...version, securityProfile: { ...(version.securityProfile as object | undefined), uefiSettings } };
}

/** A version as a refresh must see it: its replication status always, and its UEFI settings when the program set them. */
async function getVersion(c: ComputeManagementClient, rg: string, names: string[], inputs: Inputs): Promise<Model> {
    const [g, i, v] = names;
    return withUefiSettings(c, rg, names, inputs, record(await c.galleryImageVersions.get(rg, g, i, v, { expand: EXPAND })));
}

/**
 * A create that finds no version under its name, with `restoreSoftDeleted`, asks whether the gallery
 * keeps a soft-deleted one of that name (contract.ts `recover`) and restores it as the official
 * example does (softDelete.ts), sent once and followed through its replication like any write. Without
 * the option nothing is asked, so a create costs no request more: Microsoft documents a write on the
 * name as the way to recover a deleted version ("To recover soft deleted images in a gallery, send the
 * following PUT request on the image version to be recovered", soft-delete-gallery.md) and no refusal
 * of a new version's PUT there, which a replacement (deleting the old version first) sends. A list
 * Azure answers 404 (an image it does not know yet) holds nothing to restore.
 */
async function recoverSoftDeleted(op: Operation): Promise<Model | undefined> {
    if (op.inputs.restoreSoftDeleted !== true) return undefined;
    const [gallery, image, version] = op.names;
    let deleted: SoftDeletedImageVersion | undefined;
    try {
        deleted = softDeletedNamed(await listSoftDeleted(op.client, op.rg, gallery, image), version);
    } catch (e) {
        if (statusOf(e) !== 404) throw azureError("list the soft-deleted versions for", op, e);
        return undefined;
    }
    if (!deleted) return undefined;
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
    expand: EXPAND,
    completeRead: withUefiSettings,
    put: (c, rg, [g, i, v], m, options) => asModel(c.galleryImageVersions.createOrUpdate(rg, g, i, v, m as unknown as GalleryImageVersion, options)),
    patch: (c, rg, [g, i, v], m, options) => asModel(c.galleryImageVersions.update(rg, g, i, v, m, options)),
    del: (c, rg, [g, i, v], options) => c.galleryImageVersions.delete(rg, g, i, v, options),
    wait: waitForReplication,
    progress: replicationProgress,
    recover: recoverSoftDeleted,
};

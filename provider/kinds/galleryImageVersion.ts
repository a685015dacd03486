/** Image versions through @azure/arm-compute. */
import type { ComputeManagementClient, GalleryImageVersion } from "@azure/arm-compute";
import type { KindAdapter, Model } from "../lifecycle/contract";
import { galleryImageVersionSpec } from "../schema/galleryImageVersion";
import { Inputs } from "../schema/types";
import { getPath } from "../schema/values";
import { replicationProgress, waitForReplication } from "./replication";
import { asModel, record } from "./sdk";

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
};

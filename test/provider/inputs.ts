/** Minimal valid inputs of each resource, for the provider's tests to vary one field at a time. */
import { Inputs } from "../../provider/schema/types";
import { RESOURCE_GROUP, SUBSCRIPTION } from "../support/emulator";

export const SOURCE_IMAGE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
export const EDGE_ZONE = { name: "westus", extendedLocation: { name: "microsoftlosangeles1", type: "EdgeZone" } };

export const galleryInputs = (x: Inputs = {}): Inputs => ({ resourceGroupName: RESOURCE_GROUP, galleryName: "golden", location: "westus", ...x });

export const imageInputs = (x: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    galleryImageName: "ubuntu",
    location: "westus",
    osType: "Linux",
    osState: "Generalized",
    identifier: { publisher: "contoso", offer: "ubuntu", sku: "24_04" },
    ...x,
});

/** `publishing` is merged into publishingProfile, which starts with the version's own region. */
export const versionInputs = (x: Inputs = {}, publishing: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    galleryImageName: "ubuntu",
    galleryImageVersionName: "1.0.0",
    location: "westus",
    storageProfile: { source: { id: SOURCE_IMAGE } },
    publishingProfile: { targetRegions: [{ name: "westus" }], ...publishing },
    ...x,
});

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

/**
 * A package link as a pipeline writes it: a blob URL with a SAS token (signature and expiry made up),
 * valid until 2099.
 */
export const MEDIA_LINK =
    "https://contosoapps.blob.core.windows.net/packages/agent.zip?sv=2024-11-04&se=2099-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=Q2FuYXJ5LXNpZ25hdHVyZS1mb3ItdGVzdHMtb25seQ%3D%3D";

export const applicationInputs = (x: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    galleryApplicationName: "agent",
    location: "westus",
    supportedOSType: "Linux",
    ...x,
});

/** `publishing` is merged into publishingProfile, which starts with the source, the manage actions and the version's own region. */
export const applicationVersionInputs = (x: Inputs = {}, publishing: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    galleryApplicationName: "agent",
    galleryApplicationVersionName: "1.0.0",
    location: "westus",
    publishingProfile: { source: { mediaLink: MEDIA_LINK }, manageActions: { install: "./install.sh", remove: "./remove.sh" }, targetRegions: [{ name: "westus" }], ...publishing },
    ...x,
});

/** A script definition; its properties nest under `properties` as the SDK model's do. */
export const scriptInputs = (x: Inputs = {}, properties: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    galleryScriptName: "setup",
    location: "westus",
    properties: { supportedOSType: "Linux", ...properties },
    ...x,
});

/** A script link as a pipeline writes it: a blob URL with a SAS token (made up), valid until 2099. */
export const SCRIPT_LINK = MEDIA_LINK.replace("contosoapps", "contososcripts").replace("/packages/agent.zip", "/scripts/setup.sh");

/** `publishing` is merged into properties.publishingProfile, which starts with the script link and the version's own region. */
export const scriptVersionInputs = (x: Inputs = {}, publishing: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    galleryScriptName: "setup",
    galleryScriptVersionName: "1.0.0",
    location: "westus",
    properties: { publishingProfile: { source: { scriptLink: SCRIPT_LINK }, targetRegions: [{ name: "westus" }], ...publishing } },
    ...x,
});

/** An inVMAccessControlProfile; its properties nest under `properties` as the SDK model's do. */
export const profileInputs = (x: Inputs = {}, properties: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    inVMAccessControlProfileName: "hostAccess",
    location: "westus",
    properties: { osType: "Linux", applicableHostEndpoint: "WireServer", ...properties },
    ...x,
});

/** A profile version: its rules' mode and default, and its target locations. */
export const profileVersionInputs = (x: Inputs = {}): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    inVMAccessControlProfileName: "hostAccess",
    inVMAccessControlProfileVersionName: "1.0.0",
    location: "westus",
    mode: "Audit",
    defaultAccess: "Allow",
    targetLocations: [{ name: "westus" }],
    ...x,
});

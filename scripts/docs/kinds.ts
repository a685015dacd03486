/**
 * What the reference pages say of each kind beyond its field table: a short description and an
 * example program. Keyed by the list of kinds, so a new kind does not compile without its entry; the
 * docs test compiles every example against the package as users install it.
 */
import type { KindName } from "../../provider/schema/kinds";

export interface KindDocs {
    /** What the resource is, for someone who knows Pulumi but not this corner of Azure. */
    summary: string;
    /** A whole program (imports included) that compiles against the package. */
    example: string;
}

export const KIND_DOCS: Record<KindName, KindDocs> = {
    gallery: {
        summary:
            "An Azure Compute Gallery (formerly Shared Image Gallery): the container for image definitions, VM applications, scripts and inVMAccessControlProfiles. It can be private, shared with chosen subscriptions and tenants (changed in place through Azure's `/share`), or published to the Azure community.",
        example: `
import { Gallery } from "pulumi-azure-compute-gallery";

// A gallery shared with a partner subscription and tenant; who it is shared with changes in place.
export const gallery = new Gallery("partner-images", {
    resourceGroupName: "images",
    galleryName: "partner_images", // letters, digits, . and _ (no dashes); generated when left out
    location: "westeurope",
    description: "Images shared with partners",
    sharingProfile: {
        permissions: "Groups", // fixed at create
        groups: [
            { type: "Subscriptions", ids: ["00000000-0000-0000-0000-000000000001"] },
            { type: "AADTenants", ids: ["00000000-0000-0000-0000-000000000002"] },
        ],
    },
});

export const uniqueName = gallery.identifier.uniqueName;
`,
    },
    galleryImage: {
        summary:
            "An image definition: the logical image (OS type and state, Hyper-V generation, publisher/offer/sku, features) whose versions hold the actual images. Most of it is fixed at create; descriptions, end of life, recommendations and features change in place.",
        example: `
import { GalleryImage } from "pulumi-azure-compute-gallery";

export const ubuntu = new GalleryImage("ubuntu-2404", {
    resourceGroupName: "images",
    galleryName: "golden_images",
    galleryImageName: "ubuntu-24_04",
    location: "westeurope",
    osType: "Linux",
    osState: "Generalized",
    hyperVGeneration: "V2",
    identifier: { publisher: "contoso", offer: "ubuntu", sku: "24_04" },
    // Features are typed arguments (azure-native passes them as a name/value list).
    securityType: "TrustedLaunchSupported",
    diskControllerTypes: ["SCSI", "NVMe"],
    recommended: { vCPUs: { min: 2, max: 16 } },
});
`,
    },
    galleryImageVersion: {
        summary:
            "An image version: one published build of an image definition, made from a managed image, a VM, another version or disks, and replicated to its target regions (and edge zones). The up waits for every region and reports progress on the resource's row; regions, replica counts, exclusion from latest and end of life change in place, the source and storage settings replace.",
        example: `
import * as pulumi from "@pulumi/pulumi";
import { GalleryImageVersion } from "pulumi-azure-compute-gallery";

const config = new pulumi.Config();

export const version = new GalleryImageVersion("ubuntu-1.0.0", {
    resourceGroupName: "images",
    galleryName: "golden_images",
    galleryImageName: "ubuntu-24_04",
    galleryImageVersionName: "1.0.0",
    location: "westeurope", // the source's region; added to targetRegions when missing there
    storageProfile: { source: { id: config.require("managedImageId") } },
    publishingProfile: {
        targetRegions: [
            { name: "West Europe", regionalReplicaCount: 2 },
            { name: "eastus", storageAccountType: "Standard_ZRS" },
        ],
        endOfLifeDate: "2030-12-31T00:00:00Z",
    },
    timeouts: { create: "2h" },
});

export const replication = version.replicationStatus;
`,
    },
    galleryApplication: {
        summary:
            "A VM application definition: the application (its supported OS, descriptions, custom actions) whose versions hold the packages VMs install.",
        example: `
import { GalleryApplication } from "pulumi-azure-compute-gallery";

export const agent = new GalleryApplication("monitoring-agent", {
    resourceGroupName: "apps",
    galleryName: "apps_gallery",
    galleryApplicationName: "monitoring-agent",
    location: "westus",
    supportedOSType: "Linux", // fixed at create
    description: "The monitoring agent",
});
`,
    },
    galleryApplicationVersion: {
        summary:
            "A VM application version: one package (a blob, usually linked with a SAS token) with its install and remove commands, replicated to its target regions. The link's SAS token is a secret and may be renewed in place; another blob, the manage actions or the settings replace the version.",
        example: `
import * as pulumi from "@pulumi/pulumi";
import { GalleryApplicationVersion } from "pulumi-azure-compute-gallery";

const config = new pulumi.Config();
const sas = config.requireSecret("packageSas");

export const version = new GalleryApplicationVersion("agent-1.0.0", {
    resourceGroupName: "apps",
    galleryName: "apps_gallery",
    galleryApplicationName: "monitoring-agent",
    galleryApplicationVersionName: "1.0.0",
    location: "westus",
    publishingProfile: {
        source: { mediaLink: pulumi.interpolate\`https://contoso.blob.core.windows.net/packages/agent-1.0.0.tar.gz?\${sas}\` },
        manageActions: { install: "tar -xzf agent && ./install.sh", remove: "./uninstall.sh" },
        targetRegions: [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 2 }],
    },
});
`,
    },
    galleryScript: {
        summary: "A gallery script definition: a script (its supported OS and descriptions) whose versions hold the script blobs.",
        example: `
import { GalleryScript } from "pulumi-azure-compute-gallery";

export const script = new GalleryScript("hardening", {
    resourceGroupName: "images",
    galleryName: "golden_images",
    galleryScriptName: "hardening",
    location: "westus",
    properties: { supportedOSType: "Linux", description: "CIS hardening" },
});
`,
    },
    galleryScriptVersion: {
        summary:
            "A gallery script version: one script blob (usually linked with a SAS token) and its parameters, replicated to its target regions. The link's SAS token is a secret and may be renewed in place; another blob or other parameters replace the version.",
        example: `
import * as pulumi from "@pulumi/pulumi";
import { GalleryScriptVersion } from "pulumi-azure-compute-gallery";

const sas = new pulumi.Config().requireSecret("scriptSas");

export const version = new GalleryScriptVersion("hardening-1.0.0", {
    resourceGroupName: "images",
    galleryName: "golden_images",
    galleryScriptName: "hardening",
    galleryScriptVersionName: "1.0.0",
    location: "westus",
    properties: {
        publishingProfile: {
            source: {
                scriptLink: pulumi.interpolate\`https://contoso.blob.core.windows.net/scripts/harden.sh?\${sas}\`,
                parameters: [{ name: "level", type: "Int", required: true }],
            },
            targetRegions: [{ name: "westus" }],
        },
    },
});
`,
    },
    galleryInVMAccessControlProfile: {
        summary:
            "An inVMAccessControlProfile: the access control a VM applies to one host endpoint (WireServer or IMDS) for one OS type. Its versions hold the rules.",
        example: `
import { GalleryInVMAccessControlProfile } from "pulumi-azure-compute-gallery";

export const profile = new GalleryInVMAccessControlProfile("wireserver", {
    resourceGroupName: "images",
    galleryName: "golden_images",
    inVMAccessControlProfileName: "wireserver-linux",
    location: "westus",
    properties: { osType: "Linux", applicableHostEndpoint: "WireServer", description: "WireServer access" },
});
`,
    },
    galleryInVMAccessControlProfileVersion: {
        summary:
            "An inVMAccessControlProfile version: the mode, default access and rules (privileges, roles, identities, role assignments) a VM enforces or audits, replicated to its target locations. All of it changes in place.",
        example: `
import { GalleryInVMAccessControlProfileVersion } from "pulumi-azure-compute-gallery";

export const rules = new GalleryInVMAccessControlProfileVersion("wireserver-1.0.0", {
    resourceGroupName: "images",
    galleryName: "golden_images",
    inVMAccessControlProfileName: "wireserver-linux",
    inVMAccessControlProfileVersionName: "1.0.0",
    location: "westus",
    mode: "Audit",
    defaultAccess: "Deny",
    rules: {
        privileges: [{ name: "GoalState", path: "/machine", queryParameters: { comp: "goalstate" } }],
        roles: [{ name: "Provisioning", privileges: ["GoalState"] }],
        identities: [{ name: "WinPA", userName: "SYSTEM", processName: "WindowsAzureGuestAgent.exe" }],
        roleAssignments: [{ role: "Provisioning", identities: ["WinPA"] }],
    },
    targetLocations: [{ name: "westus" }],
});
`,
    },
};

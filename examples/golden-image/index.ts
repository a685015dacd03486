/**
 * A golden-image pipeline: one gallery, a Linux and a Windows image definition, and the Ubuntu image
 * versions the pipeline's builds have published, each from its build's managed image to its regions.
 * The versions come from a manifest (images.json), one entry per published version: a build appends
 * its entry. The GoldenImage component (docs/golden-image-component.md) publishes them: the newest in
 * latest, older ones out of latest but still published (VMs that pin them keep working), versions
 * past their end of life retired; removing an entry retires it too. An entry keeps its source for
 * good, so no stack config can replace a published version.
 *
 * Stack config (`pulumi config set golden-images:<key> …`):
 *   resourceGroupName      resource group that holds the gallery (required)
 *   manifest               the manifest, relative to the project directory
 *                          (default examples/golden-image/images.json)
 *   location               the gallery's and the build images' region (default westus)
 *   galleryName            default golden_images
 *   keepInLatest           how many of the newest versions stay in latest (default 1)
 * Azure settings (subscription, cloud, credentials) come from azure-compute-gallery:* or
 * azure-native:* config, or the environment; see docs/configuration-and-credentials.md.
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Gallery, GalleryImage, GoldenImage, parseImageManifest } from "pulumi-azure-compute-gallery";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const location = config.get("location") ?? "westus";

// Pulumi runs the program in the project directory (where Pulumi.yaml is), so a relative path is read from there.
const manifestFile = config.get("manifest") ?? "examples/golden-image/images.json";
let manifestText: string;
try {
    manifestText = readFileSync(path.resolve(manifestFile), "utf8");
} catch (e) {
    throw new Error(`cannot read the manifest ${manifestFile} (stack config golden-images:manifest): ${e instanceof Error ? e.message : String(e)}`);
}
// Checked before anything is registered: a mistake stops the preview naming the file, the entry and the field.
const manifest = parseImageManifest(manifestText, manifestFile);

const gallery = new Gallery("golden", {
    resourceGroupName,
    galleryName: config.get("galleryName") ?? "golden_images",
    location,
    description: "Golden images built and published by the platform team",
    softDeletePolicy: { isSoftDeleteEnabled: true },
});

const definition = { hyperVGeneration: "V2" as const, osState: "Generalized" as const, securityType: "TrustedLaunchSupported" as const, isAcceleratedNetworkSupported: true };

// The definition is `ubuntu`, each version `ubuntu-<version>`.
const ubuntu = new GoldenImage("ubuntu", {
    gallery,
    image: {
        ...definition,
        galleryImageName: "ubuntu-24_04-gen2",
        osType: "Linux",
        identifier: { publisher: "contoso", offer: "ubuntu-server", sku: "24_04-gen2" },
        description: "Ubuntu 24.04 LTS, hardened",
        diskControllerTypes: ["SCSI", "NVMe"],
        recommended: { vCPUs: { min: 2, max: 16 }, memory: { min: 4, max: 64 } },
    },
    manifest,
    retention: { keepInLatest: config.getNumber("keepInLatest") ?? 1 },
});

// No versions yet: a definition on its own.
new GalleryImage("windows-2022", {
    ...definition,
    resourceGroupName,
    galleryName: gallery.galleryName,
    location,
    galleryImageName: "windows-2022-gen2",
    osType: "Windows",
    identifier: { publisher: "contoso", offer: "windows-server", sku: "2022-datacenter-gen2" },
    description: "Windows Server 2022 Datacenter",
});

export const galleryUniqueName = gallery.uniqueName;
export const linuxImageId = ubuntu.imageId;
export const latestVersion = ubuntu.latestVersion;
const latest = ubuntu.versions[ubuntu.plan.latest];
export const latestVersionId = latest.id;
export const replication = latest.replicationStatus.apply((s) => s?.summary.map((r) => `${r.region}: ${r.state}`));

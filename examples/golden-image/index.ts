/**
 * A golden-image pipeline: one gallery, a Linux and a Windows image definition, and the image
 * version each build publishes from its managed image to three regions. The previous build's
 * version stays published but is excluded from "latest", so VMs that pin it keep working while new
 * VMs get the new build.
 *
 * Stack config (`pulumi config set golden-images:<key> …`):
 *   resourceGroupName      resource group that holds the gallery (required)
 *   managedImageId         the build's managed image (required)
 *   imageVersion           this build's version, major.minor.patch (required)
 *   previousImageVersion / previousManagedImageId   the build before it, kept but not latest
 *   location               the gallery's and the source image's region (default westus)
 *   galleryName            default golden_images
 *   regions                [{ "name": "eastus", "replicas": 2, "zoneRedundant": true }, …]
 *                          (zone-redundant storage needs a region with availability zones)
 * Azure settings (subscription, cloud, credentials) come from azure-compute-gallery:* or
 * azure-native:* config, or the environment; see the README.
 */
import * as pulumi from "@pulumi/pulumi";
import * as semver from "semver";
import { Gallery, GalleryImage, GalleryImageVersion, TargetRegionArgs } from "pulumi-azure-compute-gallery";

interface RegionConfig {
    name: string;
    replicas?: number;
    zoneRedundant?: boolean;
}

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const location = config.get("location") ?? "westus";
const imageVersion = config.require("imageVersion");
const previousImageVersion = config.get("previousImageVersion");
const regions = config.getObject<RegionConfig[]>("regions") ?? [
    { name: location, replicas: 2 },
    { name: "eastus", replicas: 1, zoneRedundant: true },
    { name: "northeurope", replicas: 1, zoneRedundant: true },
];

if (previousImageVersion && !semver.gt(imageVersion, previousImageVersion)) {
    throw new Error(`imageVersion ${imageVersion} must be newer than previousImageVersion ${previousImageVersion}`);
}

const targetRegions: TargetRegionArgs[] = regions.map((r) => ({
    name: r.name,
    regionalReplicaCount: r.replicas ?? 1,
    storageAccountType: r.zoneRedundant ? "Standard_ZRS" : "Standard_LRS",
}));

const gallery = new Gallery("golden", {
    resourceGroupName,
    galleryName: config.get("galleryName") ?? "golden_images",
    location,
    description: "Golden images built and published by the platform team",
    softDeletePolicy: { isSoftDeleteEnabled: true },
});

const common = { resourceGroupName, galleryName: gallery.galleryName, location, hyperVGeneration: "V2" as const, osState: "Generalized" as const };

const linux = new GalleryImage("ubuntu-2404", {
    ...common,
    galleryImageName: "ubuntu-24_04-gen2",
    osType: "Linux",
    identifier: { publisher: "contoso", offer: "ubuntu-server", sku: "24_04-gen2" },
    description: "Ubuntu 24.04 LTS, hardened",
    securityType: "TrustedLaunchSupported",
    isAcceleratedNetworkSupported: true,
    diskControllerTypes: ["SCSI", "NVMe"],
    recommended: { vCPUs: { min: 2, max: 16 }, memory: { min: 4, max: 64 } },
});

new GalleryImage("windows-2022", {
    ...common,
    galleryImageName: "windows-2022-gen2",
    osType: "Windows",
    identifier: { publisher: "contoso", offer: "windows-server", sku: "2022-datacenter-gen2" },
    description: "Windows Server 2022 Datacenter",
    securityType: "TrustedLaunchSupported",
    isAcceleratedNetworkSupported: true,
});

// Each version is its own resource, named by its version: a new build adds one, the build before
// it is updated in place to leave "latest", and older ones leave the program and are deleted.
const versionOf = (version: string, managedImageId: string, excludeFromLatest: boolean) =>
    new GalleryImageVersion(`ubuntu-${version}`, {
        resourceGroupName,
        galleryName: gallery.galleryName,
        galleryImageName: linux.galleryImageName,
        galleryImageVersionName: version,
        location,
        storageProfile: { source: { id: managedImageId } },
        publishingProfile: { targetRegions, excludeFromLatest },
        tags: { build: version },
    });

const current = versionOf(imageVersion, config.require("managedImageId"), false);
if (previousImageVersion) versionOf(previousImageVersion, config.require("previousManagedImageId"), true);

export const galleryUniqueName = gallery.uniqueName;
export const linuxImageId = linux.id;
export const latestVersionId = current.id;
export const replication = current.replicationStatus.apply((s) => s?.summary.map((r) => `${r.region}: ${r.state}`));

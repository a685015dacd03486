/**
 * A golden-image pipeline: one gallery, a Linux and a Windows image definition, and the Ubuntu image
 * versions the pipeline's builds have published, each from its build's managed image to its regions.
 * The versions come from a manifest (images.json, checked by manifest.ts), one entry per published
 * version: a build appends its entry, takes the one before out of "latest" (it stays published, so
 * VMs that pin it keep working) and removes the oldest to retire it. An entry keeps its source for
 * good, so no stack config can replace a published version.
 *
 * Stack config (`pulumi config set golden-images:<key> …`):
 *   resourceGroupName      resource group that holds the gallery (required)
 *   manifest               the manifest, relative to the project directory
 *                          (default examples/golden-image/images.json)
 *   location               the gallery's and the build images' region (default westus)
 *   galleryName            default golden_images
 * Azure settings (subscription, cloud, credentials) come from azure-compute-gallery:* or
 * azure-native:* config, or the environment; see docs/configuration-and-credentials.md.
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Gallery, GalleryImage, GalleryImageVersion, TargetRegionArgs } from "pulumi-azure-compute-gallery";
import { ManifestEntry, endOfLifeDate, latestOf, parseManifest } from "./manifest";

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
const manifest = parseManifest(manifestText, manifestFile);

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

// Each version is its own resource, named by its version: a new entry adds one, an edited entry is
// updated in place (regions, replicas, latest, end of life), a removed entry is deleted.
const versionOf = (entry: ManifestEntry) =>
    new GalleryImageVersion(`ubuntu-${entry.version}`, {
        resourceGroupName,
        galleryName: gallery.galleryName,
        galleryImageName: linux.galleryImageName,
        galleryImageVersionName: entry.version,
        location,
        storageProfile: { source: { id: entry.source } },
        publishingProfile: {
            // In the entry's order: targetRegions[i] is the entry's regions[i].
            targetRegions: entry.regions.map((r): TargetRegionArgs => ({
                name: r.name,
                regionalReplicaCount: r.replicas ?? 1,
                storageAccountType: r.zoneRedundant ? "Standard_ZRS" : "Standard_LRS",
            })),
            excludeFromLatest: entry.excludeFromLatest ?? false,
            ...(entry.endOfLife !== undefined ? { endOfLifeDate: endOfLifeDate(entry.endOfLife) } : {}),
        },
        tags: { build: entry.version },
    });

const versions = new Map(manifest.versions.map((e) => [e.version, versionOf(e)]));
const latest = latestOf(manifest);
const current = versions.get(latest.version)!;

export const galleryUniqueName = gallery.uniqueName;
export const linuxImageId = linux.id;
export const latestVersion = latest.version;
export const latestVersionId = current.id;
export const replication = current.replicationStatus.apply((s) => s?.summary.map((r) => `${r.region}: ${r.state}`));

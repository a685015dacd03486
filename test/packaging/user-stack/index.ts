/**
 * A user's own stack, in a project of its own that installed the packed package: a gallery, an
 * image definition, and a version of it for each build in `versions` (the next build adds one).
 *
 * Stack config: resourceGroupName, managedImageId, versions (a JSON list of major.minor.patch).
 */
import * as pulumi from "@pulumi/pulumi";
import { Gallery, GalleryImage, GalleryImageVersion } from "pulumi-azure-compute-gallery";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const location = "westus";

const gallery = new Gallery("images", { resourceGroupName, galleryName: "userimages", location });
const image = new GalleryImage("app", {
    resourceGroupName,
    galleryName: gallery.galleryName,
    galleryImageName: "app",
    location,
    osType: "Linux",
    osState: "Generalized",
    hyperVGeneration: "V2",
    identifier: { publisher: "contoso", offer: "app", sku: "1" },
});
const versions = config.requireObject<string[]>("versions").map(
    (name) =>
        new GalleryImageVersion(`app-${name}`, {
            resourceGroupName,
            galleryName: gallery.galleryName,
            galleryImageName: image.galleryImageName,
            galleryImageVersionName: name,
            location,
            storageProfile: { source: { id: config.require("managedImageId") } },
            publishingProfile: { targetRegions: [{ name: location, regionalReplicaCount: 1 }] },
        }),
);

export const imageId = image.id;
export const versionIds = versions.map((v) => v.id);

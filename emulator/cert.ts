import * as fs from "fs";
import * as path from "path";
import { generate } from "selfsigned";

/** A CA that clients trust (via NODE_EXTRA_CA_CERTS) and a loopback server certificate it signed. */
export interface CertificateMaterial {
    caCertPath: string;
    key: string;
    cert: string;
}

const CA_CERT = "ca.pem";
const CA_KEY = "ca.key";

/** Makes a CA in `dir` unless one is already there (so a test runner can hand it to child processes). */
export async function ensureCa(dir: string): Promise<string> {
    const caCertPath = path.join(dir, CA_CERT);
    if (fs.existsSync(caCertPath) && fs.existsSync(path.join(dir, CA_KEY))) {
        return caCertPath;
    }
    fs.mkdirSync(dir, { recursive: true });
    const notAfterDate = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const ca = await generate([{ name: "commonName", value: "Local ARM emulator CA" }], {
        keyType: "ec",
        algorithm: "sha256",
        notAfterDate,
        extensions: [
            { name: "basicConstraints", cA: true, critical: true },
            { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
        ],
    });
    fs.writeFileSync(path.join(dir, CA_KEY), ca.private, { mode: 0o600 });
    fs.writeFileSync(caCertPath, ca.cert);
    return caCertPath;
}

/** Issues a server certificate for localhost / 127.0.0.1 / ::1, signed by the CA in `dir`. */
export async function issueServerCertificate(dir: string): Promise<CertificateMaterial> {
    const caCertPath = await ensureCa(dir);
    const caKey = fs.readFileSync(path.join(dir, CA_KEY), "utf8");
    const caCert = fs.readFileSync(caCertPath, "utf8");
    const leaf = await generate([{ name: "commonName", value: "localhost" }], {
        keyType: "ec",
        algorithm: "sha256",
        notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
        ca: { key: caKey, cert: caCert },
        extensions: [
            { name: "basicConstraints", cA: false },
            { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
            { name: "extKeyUsage", serverAuth: true },
            {
                name: "subjectAltName",
                altNames: [
                    { type: 2, value: "localhost" },
                    { type: 7, ip: "127.0.0.1" },
                    { type: 7, ip: "::1" },
                ],
            },
        ],
    });
    return { caCertPath, key: leaf.private, cert: leaf.cert };
}

// The two key-derivation functions of Python's hashlib that Pyodide's Python
// lacks (it is built without OpenSSL): scrypt and pbkdf2_hmac, which
// Werkzeug's generate_password_hash and check_password_hash call. They come
// from @noble/hashes (audited, no dependencies), bundled on their own as
// live-kdf.js, which the worker imports only for an example that hashes
// passwords. browser_runner.provide_kdf puts them into hashlib.
import { pbkdf2 as noblePbkdf2 } from "@noble/hashes/pbkdf2.js";
import { scrypt as nobleScrypt } from "@noble/hashes/scrypt.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2.js";

const HASHES = { sha1, sha224, sha256, sha384, sha512 };

// hashlib.scrypt(password, salt=, n=, r=, p=, maxmem=, dklen=); maxmem 0 means no limit of its own.
export function scrypt(password, salt, n, r, p, maxmem, dklen) {
  const options = { N: n, r, p, dkLen: dklen };
  if (maxmem > 0) options.maxmem = maxmem;
  return nobleScrypt(password, salt, options);
}

// hashlib.pbkdf2_hmac(hash_name, password, salt, iterations, dklen); dklen 0 means the hash's size.
export function pbkdf2(hashName, password, salt, iterations, dklen) {
  const hash = HASHES[hashName.toLowerCase()];
  if (!hash) throw new Error(`unsupported hash type ${hashName}`);
  return noblePbkdf2(hash, password, salt, { c: iterations, dkLen: dklen || hash.outputLen });
}

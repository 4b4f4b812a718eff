//! Tokens as Tencent's Python, Node and Java libraries write them, shared by the benchmark and
//! `examples/instructions.rs`.

use std::io::{Read, Write};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use flate2::{read::ZlibDecoder, write::ZlibEncoder, Compression};

/// `token` re-compressed at zlib `level`, as those libraries write it (they use zlib's default
/// level, 6); the JSON and so the signature are unchanged.
pub fn recompressed(token: &str, level: u32) -> String {
    let standard = token.replace('*', "+").replace('-', "/").replace('_', "=");
    let mut json = Vec::new();
    ZlibDecoder::new(&STANDARD.decode(standard).unwrap()[..])
        .read_to_end(&mut json)
        .unwrap();
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::new(level));
    zlib.write_all(&json).unwrap();
    let text = STANDARD.encode(zlib.finish().unwrap());
    text.replace('+', "*").replace('/', "-").replace('=', "_")
}

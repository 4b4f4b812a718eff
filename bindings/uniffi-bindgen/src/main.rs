//! `uniffi-bindgen`, built from this workspace so that it always matches the UniFFI version of
//! `usersig-ffi` (a mismatch fails at load time with a checksum error).

fn main() {
    uniffi::uniffi_bindgen_main()
}

//! Raw deflate for share links, by the browser's `CompressionStream` and `DecompressionStream` ("deflate-raw"),
//! so the WebAssembly carries no compressor of its own.

use chartplay_core::share::InflateError;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// A `CompressionStream` or a `DecompressionStream`: a transform stream, with `readable` and `writable` ends.
    type Transform;

    #[wasm_bindgen(catch, constructor, js_class = "CompressionStream")]
    fn compressor(format: &str) -> Result<Transform, JsValue>;

    #[wasm_bindgen(catch, constructor, js_class = "DecompressionStream")]
    fn decompressor(format: &str) -> Result<Transform, JsValue>;
}

/// `bytes` piped through `transform`.
fn through(bytes: &[u8], transform: &Transform) -> Result<web_sys::ReadableStream, JsValue> {
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes)))?;
    Ok(blob.stream().pipe_through(transform.unchecked_ref()))
}

/// `bytes`, raw-deflated; an error when the browser cannot (no `CompressionStream`).
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let stream = through(bytes, &Transform::compressor("deflate-raw")?)?;
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Raw-deflated `bytes` inflated, stopping as soon as they pass `limit` bytes, or why the data does not inflate;
/// an error when the browser cannot inflate (no `DecompressionStream`).
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Result<Vec<u8>, InflateError>, JsValue> {
    let stream = through(bytes, &Transform::decompressor("deflate-raw")?)?;
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut inflated = Vec::new();
    loop {
        // A chunk is `{done, value}`; reading fails when the data is corrupt or cut short.
        let Ok(chunk) = JsFuture::from(reader.read()).await else {
            return Ok(Err(InflateError::Corrupt));
        };
        if Reflect::get(&chunk, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(Ok(inflated));
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))?.unchecked_into();
        if inflated.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Ok(Err(InflateError::TooLarge));
        }
        inflated.extend(value.to_vec());
    }
}

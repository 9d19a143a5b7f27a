// s3-thumbnail.mjs: plans a thumbnail for every image uploaded to an S3 bucket.
//
// What it teaches
// - S3 sends one event per object change, in event.Records (usually one record).
// - The object key in the event is URL-ENCODED the way HTML forms are: a space arrives
//   as "+", and a real "+" as "%2B". Decode it before using it, or you will look for
//   "holiday+photos/my%2Bphoto+1.jpg" instead of "holiday photos/my+photo 1.jpg".
// - A function that writes into the bucket that triggers it can call itself forever.
//   Write outputs to another bucket, or (as here) under a prefix the function skips,
//   and limit the trigger to a prefix or suffix in the bucket's notification settings.
//
// No network calls: instead of resizing with an image library and writing with the AWS
// SDK, it logs what it would do, so it runs anywhere, including Lambda.

const THUMBNAIL_PREFIX = "thumbnails/";
const THUMBNAIL_WIDTH = 200;
const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png", ".gif", ".webp"];

/** S3 event keys are form-encoded: "+" means space, %XX escapes everything else. */
const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, " "));

export const handler = async (event) => {
  const planned = [];

  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const rawKey = record.s3.object.key;
    const key = decodeKey(rawKey);
    console.log(`${record.eventName} s3://${bucket}/${key} (key as sent in the event: "${rawKey}")`);

    if (key.startsWith(THUMBNAIL_PREFIX)) {
      // Our own output: processing it would create thumbnails of thumbnails, endlessly.
      console.log("skipping: this is one of our own thumbnails");
      continue;
    }
    const extension = key.slice(key.lastIndexOf(".")).toLowerCase();
    if (!IMAGE_EXTENSIONS.includes(extension)) {
      console.log(`skipping: ${extension} is not an image type we resize`);
      continue;
    }

    const target = `s3://${bucket}/${THUMBNAIL_PREFIX}${key}`;
    if (record.eventName.startsWith("ObjectCreated:")) {
      const sizeKb = Math.round((record.s3.object.size ?? 0) / 1024);
      console.log(`would read the ${sizeKb} KB original, resize it to ${THUMBNAIL_WIDTH} px wide, and write it to ${target}`);
      planned.push({ action: "create-thumbnail", source: `s3://${bucket}/${key}`, target });
    } else if (record.eventName.startsWith("ObjectRemoved:")) {
      // Delete events carry no size or ETag: the object is gone.
      console.log(`the original is gone: would delete ${target}`);
      planned.push({ action: "delete-thumbnail", target });
    }
  }

  return { planned };
};

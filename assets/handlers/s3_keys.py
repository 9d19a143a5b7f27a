# s3_keys.py: plans a thumbnail for every image uploaded to an S3 bucket.
# The Python twin of s3-thumbnail.mjs.
#
# What it teaches
# - S3 sends one event per object change, in event["Records"] (usually one record).
# - The object key in the event is URL-ENCODED the way HTML forms are: a space arrives as
#   "+", a real "+" as "%2B", and non-ASCII characters as UTF-8 bytes in %XX form.
#   urllib.parse.unquote_plus undoes exactly that:
#       "holiday+photos/my%2Bphoto+1.jpg"  ->  "holiday photos/my+photo 1.jpg"
#       "caf%C3%A9/cr%C3%A8me+br%C3%BBl%C3%A9e.png"  ->  "café/crème brûlée.png"
#   Plain unquote() is the classic bug: it leaves every "+" as "+", so a key with a space
#   is looked up as "holiday+photos/..." and GetObject fails with NoSuchKey.
# - A function that writes into the bucket that triggers it can call itself forever.
#   Write outputs to another bucket, or (as here) under a prefix the function skips, and
#   limit the trigger to a prefix or suffix in the bucket's notification settings.
#   (Lambda's recursive loop detection stops such a loop after about 16 rounds, but every
#   round is billed.)
#
# No network calls: instead of resizing with an image library and writing with boto3, it
# prints what it would do, so it runs anywhere, including Lambda.
#
# Try it with sample-events/s3/put.json and s3/delete.json; change the key to
# "thumbnails/a.jpg", "notes.txt" or "café.jpg" (the key parameter encodes it for you).

from pathlib import PurePosixPath
from urllib.parse import unquote_plus

THUMBNAIL_PREFIX = "thumbnails/"
THUMBNAIL_WIDTH = 200
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


def lambda_handler(event, context):
    planned = []

    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]  # bucket names are never encoded
        raw_key = record["s3"]["object"]["key"]
        key = unquote_plus(raw_key)  # "+" -> space, "%2B" -> "+", "%C3%A9" -> "é"
        print(f'{record["eventName"]} s3://{bucket}/{key} (key as sent in the event: "{raw_key}")')

        if key.startswith(THUMBNAIL_PREFIX):
            # Our own output: processing it would create thumbnails of thumbnails, endlessly.
            print("skipping: this is one of our own thumbnails")
            continue
        extension = PurePosixPath(key).suffix.lower()  # "" when the key has no extension
        if extension not in IMAGE_EXTENSIONS:
            print(f"skipping: {extension or 'a key without an extension'} is not an image type we resize")
            continue

        target = f"s3://{bucket}/{THUMBNAIL_PREFIX}{key}"
        if record["eventName"].startswith("ObjectCreated:"):
            # Match the prefix: Put, Post, Copy and CompleteMultipartUpload all create objects.
            size_kb = round(record["s3"]["object"].get("size", 0) / 1024)
            print(f"would read the {size_kb} KB original, resize it to {THUMBNAIL_WIDTH} px wide, "
                  f"and write it to {target}")
            planned.append({"action": "create-thumbnail", "source": f"s3://{bucket}/{key}",
                            "target": target})
        elif record["eventName"].startswith("ObjectRemoved:"):
            # Delete events carry no size or eTag: the object is gone.
            print(f"the original is gone: would delete {target}")
            planned.append({"action": "delete-thumbnail", "target": target})

    return {"planned": planned}

"""The LRS: xAPI statements validated, stored once, turned into attempts."""

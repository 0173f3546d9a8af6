"""What Chronicle writes for readers from records: the plain brief of one article and each
party's positions over time across stored articles. Reports read records; they extract nothing.
"""

"""Beyond one master: its tables as Parquet and CSV, and many audits' masters pooled into one Parquet dataset.

May import: audit, excel, files, master (the master's bytes, decrypted), merge, problems.
"""

from ehwb_excel.pool.export import export_master
from ehwb_excel.pool.pooling import Pooled, pool_masters

__all__ = ["Pooled", "export_master", "pool_masters"]

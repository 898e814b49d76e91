"""moto's server (the AWS control planes' emulator) with the Glue calls Trino makes that moto 5.2.1 lacks.

Trino's Glue metastore, which the Athena stand-in runs on, writes column statistics after every
CREATE TABLE and CTAS, and lists all the partitions of a table with an empty Expression. moto does
not implement the statistics calls and parses the empty expression instead of treating it as
absent. Both are worked around here, for the stand-in only: statistics are taken and forgotten
(Athena's engine needs none), and an empty expression means every partition, as on AWS.
Arguments are moto_server's (-H HOST -p PORT).
"""
import json
import sys

try:
    from moto.glue.models import GlueBackend
    from moto.glue.responses import GlueResponse
    from moto.server import main
except ImportError as missing:
    sys.exit("moto is needed for the aws emulators (%s): pip install 'moto[server]==5.2.1'" % missing)


def _no_statistics(self):
    return json.dumps({"ColumnStatisticsList": [], "Errors": []})


def _statistics_taken(self):
    return json.dumps({"Errors": []})


def _statistics_deleted(self):
    return json.dumps({})


for table_or_partition in ("table", "partition"):
    setattr(GlueResponse, "get_column_statistics_for_" + table_or_partition, _no_statistics)
    setattr(GlueResponse, "update_column_statistics_for_" + table_or_partition, _statistics_taken)
    setattr(GlueResponse, "delete_column_statistics_for_" + table_or_partition, _statistics_deleted)

_get_partitions = GlueBackend.get_partitions


def _get_partitions_empty_expression_is_none(self, database_name, table_name, expression):
    return _get_partitions(self, database_name, table_name, expression or None)


GlueBackend.get_partitions = _get_partitions_empty_expression_is_none

if __name__ == "__main__":
    main(sys.argv[1:])

"""Kit workbooks: styles, the 'Petunjuk' sheet, the workbook writer, and making a cycle's kits."""

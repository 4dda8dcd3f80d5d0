"""A babel extractor for field definitions written as Python dicts (custom fields, property setters,
role names). Frappe translates their labels at run time, but its extractor only sees `_()` calls, so
without this their labels would never reach main.pot and ru.po. Wired in babel_extractors.csv."""

import ast

TRANSLATABLE_KEYS = ("label", "description")


def extract_field_definitions(fileobj, keywords, comment_tags, options):
	tree = ast.parse(fileobj.read())
	for node in ast.walk(tree):
		if isinstance(node, ast.Dict):
			yield from _dict_messages(node)
		elif isinstance(node, ast.Assign) and _is_constant_name(node):
			yield from _string_constants(node.value)


def _dict_messages(node: ast.Dict):
	values = {
		key.value: value
		for key, value in zip(node.keys, node.values, strict=True)
		if isinstance(key, ast.Constant)
	}
	for key in TRANSLATABLE_KEYS:
		value = values.get(key)
		if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value:
			yield value.lineno, None, value.value, []


def _is_constant_name(node: ast.Assign) -> bool:
	return all(isinstance(target, ast.Name) and target.id.isupper() for target in node.targets)


def _string_constants(value: ast.expr):
	"""Module constants such as role names and option lists: `ROLE = "Contract Manager"`."""
	elements = value.elts if isinstance(value, ast.Tuple | ast.List) else [value]
	for element in elements:
		if isinstance(element, ast.Constant) and isinstance(element.value, str) and element.value:
			yield element.lineno, None, element.value, []

"""`modal-atlas mcp` as a coding assistant sees it: spawned over stdio by the official MCP client,
initialized, its tools listed, and every tool called with good and bad arguments."""

import asyncio
import contextlib
import json
import os
import unittest

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

SERVER = StdioServerParameters(command=os.environ["ATLAS_BIN"], args=["mcp"])
TOOLS = ["search_docs", "read_page", "check_code", "cron_next_runs", "estimate_cost"]


class McpServer(unittest.IsolatedAsyncioTestCase):
    # The client's streams live in task groups that must be left by the task that entered them,
    # so each test opens its own connection inside itself.
    @contextlib.asynccontextmanager
    async def connected(self):
        async with stdio_client(SERVER) as (read, write), ClientSession(read, write) as session:
            self.session = session
            self.init = await asyncio.wait_for(session.initialize(), 30)
            yield

    async def call(self, name, arguments):
        result = await asyncio.wait_for(self.session.call_tool(name, arguments), 60)
        self.assertEqual(len(result.content), 1)
        return result.is_error, result.content[0].text

    async def ok(self, name, arguments):
        is_error, text = await self.call(name, arguments)
        self.assertFalse(is_error, text)
        return text

    async def refused(self, name, arguments):
        is_error, text = await self.call(name, arguments)
        self.assertTrue(is_error, text)
        return text

    async def test_initialize_names_the_server_and_offers_tools(self):
        async with self.connected():
            self.assertEqual(self.init.server_info.name, "modal-atlas")
            self.assertIsNotNone(self.init.capabilities.tools)
            self.assertIn("1.6.4", self.init.instructions)
            listed = await self.session.list_tools()
            self.assertEqual([tool.name for tool in listed.tools], TOOLS)
            for tool in listed.tools:
                self.assertEqual(tool.input_schema["type"], "object", tool.name)
                self.assertTrue(tool.description, tool.name)

    async def test_search_then_read_the_section_it_found(self):
        async with self.connected():
            text = await self.ok("search_docs", {"query": "keep_warm", "limit": 3})
            self.assertIn("min_containers", text)
            self.assertIn("page `", text)
            page = text.split("page `", 1)[1].split("`", 1)[0]
            section = text.split("section `", 1)[1].split("`", 1)[0]
            read = await self.ok("read_page", {"page": page, "section": section})
            self.assertTrue(read.startswith("#"), read)
            self.assertIn("expected a whole number from 1 to 20", await self.refused("search_docs", {"query": "gpu", "limit": 50}))
            self.assertIn("missing field `query`", await self.refused("search_docs", {}))

    async def test_read_page_gives_the_markdown_copy(self):
        async with self.connected():
            text = await self.ok("read_page", {"page": "/gpus/"})
            self.assertTrue(text.startswith("# GPUs\n\n> "), text[:80])
            self.assertIn("checked against the `modal` Python client 1.6.4", text)
            self.assertIn("| `H100` |", text, "the data tables are GFM tables")
            error = await self.refused("read_page", {"page": "gpuz"})
            self.assertIn("no page `gpuz`; expected a slug", error)
            error = await self.refused("read_page", {"page": "gpus", "section": "nowhere"})
            self.assertIn("has no section `nowhere`; expected one of:", error)

    async def test_check_code_reports_and_fixes(self):
        async with self.connected():
            code = "import modal\napp = modal.App()\n\n@app.function(keep_warm=1)\ndef f():\n    return 1\n"
            answer = json.loads(await self.ok("check_code", {"code": code}))
            [found] = answer["diagnostics"]
            self.assertEqual((found["rule"], found["line"], found["column"]), ("MDL001", 4, 15))
            self.assertIn("min_containers=1", found["fix"]["fixed_code"])
            self.assertIn("expected a string", await self.refused("check_code", {"code": ["x"]}))

    async def test_cron_next_runs_in_a_zone(self):
        async with self.connected():
            answer = json.loads(
                await self.ok(
                    "cron_next_runs",
                    {"expression": "0 6 * * 1", "timezone": "America/New_York", "count": 2, "after": "2026-03-01T00:00:00Z"},
                )
            )
            self.assertEqual(answer["next_runs"], ["2026-03-02T06:00:00-05:00", "2026-03-09T06:00:00-04:00"])
            self.assertTrue((await self.refused("cron_next_runs", {"expression": "61 * * * *"})).startswith("expression: "))
            self.assertIn("from 1 to 100", await self.refused("cron_next_runs", {"expression": "@daily", "count": 0}))

    async def test_estimate_cost_with_the_calculators_messages(self):
        async with self.connected():
            answer = json.loads(await self.ok("estimate_cost", {"gpu": "L4", "mode": "requests", "requests": 1000}))
            self.assertTrue(answer["total_per_month"].startswith("$"), answer)
            self.assertIn('gpu="L4"', answer["decorator"])
            self.assertEqual(await self.refused("estimate_cost", {"gpu": "H100", "count": 9}), "GPU count: at most 8")
            self.assertIn("unknown argument `gpus`", await self.refused("estimate_cost", {"gpus": "H100"}))

    async def test_an_unknown_tool_is_a_protocol_error_and_the_server_lives_on(self):
        async with self.connected():
            with self.assertRaises(Exception) as raised:
                await self.session.call_tool("nope", {})
            self.assertIn("no tool `nope`", str(raised.exception))
            await self.ok("check_code", {"code": "x = 1\n"})


if __name__ == "__main__":
    unittest.main()

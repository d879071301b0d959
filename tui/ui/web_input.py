"""Textual's web driver (what `cardoff-tui serve` runs) reading input with
TerminalInputDecoder (terminal_input.py, which says why). Kept apart so that the
terminal app does not import the web driver at start-up."""

from __future__ import annotations

from textual.drivers.web_driver import WebDriver

from tui.ui.terminal_input import (
    EscapeSplittingParser,
    NotUtf8,
    TerminalInputDecoder,
    keys_meant,
)


class TolerantWebDriver(WebDriver):
    """Textual's driver for textual-serve (`cardoff-tui serve`), reading input with
    TerminalInputDecoder. A browser sends UTF-8, but a decode error there ends input
    silently (the page stops answering), so it gets the same decoder. Each packet
    holds whole characters and sequences (what the page sent at once), so nothing of a
    packet is held back for the next."""

    def run_input_thread(self) -> None:
        """Textual 8.2.8's WebDriver.run_input_thread with the decoder swapped in."""
        from textual import log
        from textual.drivers._byte_stream import ByteStream
        from textual.drivers.web_driver import _ExitInput

        input_reader = self._input_reader
        parser = EscapeSplittingParser(debug=self._debug)
        decoder = TerminalInputDecoder(lambda data: self.process_message(NotUtf8(data)))
        byte_stream = ByteStream()
        try:
            for data in input_reader:
                if data:
                    for packet_type, payload in byte_stream.feed(data):
                        if packet_type == "D":
                            text = decoder.decode(payload) + decoder.flush()
                            for event in parser.feed(text) if text else ():
                                for meant in keys_meant(event):
                                    self.process_message(meant)
                        else:
                            self._on_meta(packet_type, payload)
                for event in parser.tick():
                    for meant in keys_meant(event):
                        self.process_message(meant)
        except _ExitInput:
            pass
        except Exception:  # as Textual's own web driver does (its loop is copied here,
            # and a test pins that copy): the input thread ends and the error goes to
            # Textual's log; the browser session then gets no more keys
            from traceback import format_exc

            log(format_exc())
        finally:
            input_reader.close()

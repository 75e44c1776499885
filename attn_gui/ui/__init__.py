"""Qt widgets of the Attention Trainer window; every number they show comes from attn_gui.core."""

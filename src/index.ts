import { run } from './main.js'

// run() reports every failure through core.setFailed; nothing escapes it.
void run()

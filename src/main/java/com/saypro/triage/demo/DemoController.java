package com.saypro.triage.demo;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.support.Times;

/**
 * {@code POST /admin/demo} (administrators; the button on the empty board) starts the demo
 * feed; every page learns whether it is offered ({@code demoOffered}).
 */
@Controller
class DemoController {

    private final DemoFeed demo;

    DemoController(DemoFeed demo) {
        this.demo = demo;
    }

    @PostMapping("/admin/demo")
    String start(RedirectAttributes redirect) {
        try {
            demo.start(Times.now());
            redirect.addFlashAttribute("notice", "The demo is playing: signals of three worked examples arrive over"
                    + " the next four minutes, the alerts last (the first after a minute); the board fills as they come.");
        } catch (IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/";
    }

    @ControllerAdvice(annotations = Controller.class)
    static class Offer {

        private final DemoFeed demo;

        Offer(DemoFeed demo) {
            this.demo = demo;
        }

        @ModelAttribute("demoOffered")
        boolean demoOffered() {
            return demo.offered();
        }
    }
}
